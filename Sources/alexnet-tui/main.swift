// Placeholder: the command line (issue 3).
print("alexnet-tui")
