"""The author, reviewer, editor and board REST API (/api/v1/): parse input, call one
service or selector, render. State changes only through editorial.services."""
