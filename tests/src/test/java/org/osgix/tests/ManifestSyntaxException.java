package org.osgix.tests;

/** A manifest line the parser cannot accept; the message starts with "line N:". */
final class ManifestSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ManifestSyntaxException(int line, String problem) {
        super("manifest line " + line + ": " + problem);
    }
}
