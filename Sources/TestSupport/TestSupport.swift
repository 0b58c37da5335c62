// Placeholder: shared test helpers.
