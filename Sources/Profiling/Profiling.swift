// Placeholder: the profiling module (issue 4).
