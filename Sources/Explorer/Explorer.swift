// Placeholder: the explorer UI model (issue 5).
