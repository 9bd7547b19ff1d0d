"""Code-based rule families, one module each; registered by `newslint.builtin`."""
