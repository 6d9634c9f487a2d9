/* Keeps the support library non-empty. */
typedef int ac__test_support_empty;
