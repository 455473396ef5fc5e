"""The offline stand-in for EDGAR: ``mirror synth`` writes a synthetic mirror, ``mirror serve`` serves it."""
