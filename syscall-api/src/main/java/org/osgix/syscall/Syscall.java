package org.osgix.syscall;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties of a {@link SyscallHandler}, as a DS component property type: on a
 * component that provides {@code SyscallHandler} it declares them, and the kernel reads a
 * handler's properties through it ({@code ServiceProperties.view(Syscall.class, props)}). The
 * ranking is the standard {@code @ServiceRanking}.
 *
 * <pre>
 * &#64;Component(service = SyscallHandler.class)
 * &#64;Syscall(name = "getrandom", family = "my-family", support = SyscallHandler.SUPPORT_PARTIAL, note = "...")
 * &#64;ServiceRanking(100)
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Syscall {
    String PREFIX_ = "osgix.syscall.";

    /** {@value SyscallHandler#NAME}: the Linux syscall name(s) served. */
    String[] name();

    /** {@value SyscallHandler#FAMILY}: the family that serves it (e.g. "sys-mm"). */
    String family() default "";

    /** {@value SyscallHandler#SUPPORT}: {@value SyscallHandler#SUPPORT_FULL} or {@value SyscallHandler#SUPPORT_PARTIAL}. */
    String support() default SyscallHandler.SUPPORT_FULL;

    /** {@value SyscallHandler#NOTE}: what a partial handler lacks. */
    String note() default "";

    /** {@value SyscallHandler#NON_BLOCKING}: the handler never waits (see there). */
    boolean nonblocking() default false;
}
