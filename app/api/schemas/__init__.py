"""Requests and responses of the API. Every rule a request must follow, and its message, lives in this package.

common.py: the number types, the learner's error, limits, wording, the shape rule; network.py: the
network a request carries; requests.py: what each endpoint takes; responses.py: what each answers.
"""
from .code import CodeLanguage, CodeRequest
from .common import (
    UNION_TAGS,
    ActivationName,
    DatasetName,
    GradientsOut,
    LossName,
    Matrix,
    Number,
    OptimizerName,
    Samples,
    Vector,
    check_limit,
    check_shapes,
    learner_error,
)
from .network import EXAMPLE_NETWORK, Layer, Network
from .requests import (
    BackpropRequest,
    CostCurveRequest,
    DatasetQuery,
    DatasetRequest,
    ForwardRequest,
    GradcheckRequest,
    OptimizerState,
    SamplesRequest,
    TrainRequest,
    check_answer_size,
    check_samples,
    check_target,
)
from .responses import (
    BackpropResponse,
    ClassificationMetrics,
    ClassOut,
    CostCurveResponse,
    DatasetColumns,
    DatasetMeta,
    DatasetResponse,
    Divergence,
    ErrorItem,
    ErrorResponse,
    ForwardResponse,
    GradcheckResponse,
    GridU16,
    HealthResponse,
    LayerOut,
    LossMeta,
    MetaResponse,
    Metrics,
    NetworkOut,
    RegressionMetrics,
    StepOut,
    TrainResponse,
)

__all__ = [
    "UNION_TAGS", "ActivationName", "DatasetName", "GradientsOut", "LossName", "Matrix", "Number", "OptimizerName",
    "Samples", "Vector", "check_limit", "check_shapes", "learner_error",
    "EXAMPLE_NETWORK", "Layer", "Network",
    "CodeLanguage", "CodeRequest",
    "BackpropRequest", "CostCurveRequest", "DatasetQuery", "DatasetRequest", "ForwardRequest", "GradcheckRequest",
    "OptimizerState", "SamplesRequest", "TrainRequest", "check_answer_size", "check_samples", "check_target",
    "BackpropResponse", "ClassificationMetrics", "ClassOut", "CostCurveResponse", "DatasetColumns", "DatasetMeta",
    "DatasetResponse", "Divergence", "ErrorItem", "ErrorResponse",
    "ForwardResponse", "GradcheckResponse", "GridU16", "HealthResponse", "LayerOut", "LossMeta", "MetaResponse", "Metrics", "NetworkOut",
    "RegressionMetrics", "StepOut", "TrainResponse",
]
