"""Ground layer: Russian text helpers, the one error base, nothing with models."""
