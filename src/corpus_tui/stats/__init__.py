"""The statistics stage: frequency, dispersion, collocation, keyness, term comparison and their tables."""
