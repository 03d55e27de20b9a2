/**
 * The guest network policy seam: services that allow, deny or redirect a guest's connect, bind
 * and addressed send on IP sockets. With no policy registered everything is allowed.
 */
@Export
@Version("1.0.0")
package org.osgix.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
