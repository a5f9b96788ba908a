"""The project's shipped data: the seed article and the manifests of the corpora in the data home."""
