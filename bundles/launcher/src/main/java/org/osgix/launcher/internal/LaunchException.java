package org.osgix.launcher.internal;

/** The framework cannot do what the command line asks (a bundle is missing or did not start). */
final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }
}
