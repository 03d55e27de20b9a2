/** The native x86_64 CPU engine (private implementation; "native" is a Java keyword, hence nativecpu). */
package org.osgix.engine.nativecpu.internal;
