/**
 * Poll backends: host readiness notification (epoll, kqueue...) behind one small contract, so the
 * poll family can swap the mechanism while guest epoll instances live.
 */
@Export
@Version("1.1.0")
package org.osgix.poll;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
