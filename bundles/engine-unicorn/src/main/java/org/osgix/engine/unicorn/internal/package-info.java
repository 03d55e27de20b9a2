/** The Unicorn CPU engine (private implementation). */
package org.osgix.engine.unicorn.internal;
