"""Stylometry as scikit-learn estimators: R stylo's toolbox in the scikit-learn/pandas world.

Features (:class:`MFWVectorizer`), the Delta family of distances (:func:`delta_distances`),
attribution estimators (:class:`DeltaClassifier`, :class:`DebiasedCentroidClassifier` (the
default), :class:`ShrunkenCentroidClassifier`,
:func:`make_method`, :func:`attribution_pipeline`), honest validation (:func:`cross_validate`,
:func:`attribute`), exploration (PCA, MDS, clustering, consensus tree and network), Craig's
Zeta, General Impostors verification and rolling attribution. Nothing is written to disk.
"""

from rhetoric.stylometry.centroids import DebiasedCentroidClassifier, ShrunkenCentroidClassifier
from rhetoric.stylometry.classifiers import (
    DEFAULT_METHOD,
    METHODS,
    DeltaClassifier,
    attribution_pipeline,
    make_method,
)
from rhetoric.stylometry.corpus import read_corpus_folder
from rhetoric.stylometry.distances import METRICS, delta_distances
from rhetoric.stylometry.exploration import (
    cluster_tree,
    consensus_network,
    consensus_tree,
    frequency_table,
    mds_coordinates,
    principal_components,
)
from rhetoric.stylometry.features import CountTable, MFWVectorizer, stylo_tokenize
from rhetoric.stylometry.impostors import ImpostorsVerifier
from rhetoric.stylometry.rolling import rolling_attribution
from rhetoric.stylometry.validation import Validation, attribute, cross_validate
from rhetoric.stylometry.zeta import zeta

__all__ = [
    "DEFAULT_METHOD", "METHODS", "METRICS", "CountTable", "DebiasedCentroidClassifier", "DeltaClassifier",
    "ImpostorsVerifier",
    "MFWVectorizer", "ShrunkenCentroidClassifier", "Validation", "attribute", "attribution_pipeline",
    "cluster_tree", "consensus_network", "consensus_tree", "cross_validate", "delta_distances",
    "frequency_table", "make_method", "mds_coordinates", "principal_components", "read_corpus_folder",
    "rolling_attribution", "stylo_tokenize", "zeta",
]  # fmt: skip
