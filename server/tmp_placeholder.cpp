namespace compose { int serverPlaceholder() { return 0; } }
