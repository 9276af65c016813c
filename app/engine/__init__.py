"""The backprop engine: pure numpy, no web imports, no process-wide settings (app.main applies those).

Notation (shared with the JSON API and the page): layers l = 0..L, layer 0 is the
input; ``z^l = W^l a^(l-1) + b^l`` and ``a^l = σ_l(z^l)``; W^l is n_l × n_(l-1).
Arrays carry the batch first: z^l and a^l are (B, n_l).
"""
