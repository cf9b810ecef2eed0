namespace compose { int viewsPlaceholder() { return 0; } }
