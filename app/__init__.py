"""backprop-viz: backpropagation made visible."""
