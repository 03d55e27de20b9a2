package org.osgix.poll;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service property {@value PollBackend#NAME} of a {@link PollBackend} (what {@code --poll=}
 * selects), as a DS component property type; the ranking is the standard {@code @ServiceRanking}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PollName {
    String PREFIX_ = "osgix.";

    /** The backend's name, e.g. "epoll". */
    String value();
}
