package org.osgix.ioctl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;
import org.osgix.fd.FileKind;

/**
 * The service properties of an {@link IoctlHandler}, as a DS component property type: on a
 * component that provides {@code IoctlHandler} it declares them, and the ioctl family reads a
 * handler's properties through it. The ranking is the standard {@code @ServiceRanking}.
 *
 * <pre>
 * &#64;Component(service = IoctlHandler.class)
 * &#64;Ioctl(name = "MYDEV_GET", request = 0x80086d01L, kind = FileKind.CHARACTER_DEVICE)
 * &#64;ServiceRanking(10)
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Ioctl {
    String PREFIX_ = "osgix.ioctl.";

    /** {@value IoctlHandler#REQUEST}: the request code(s) served (low 32 bits count). */
    long[] request();

    /** {@value IoctlHandler#KIND}: the descriptor kinds served; none means every kind. */
    FileKind[] kind() default {};

    /** {@value IoctlHandler#NAME}: a readable name of the request(s), e.g. "FIONBIO". */
    String name() default "";
}
