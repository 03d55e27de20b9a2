package org.osgix.io.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/** The I/O family: data transfer on open descriptors and the file offset. */
@Component(service = {})
public final class IoFamily {
    static final String FAMILY = "io";

    private final SyscallRegistrations registrations;

    @Activate
    public IoFamily(BundleContext context, @Reference Host host) {
        this.registrations = register(new SyscallRegistrations(context, FAMILY), host);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    /** Registers every handler of the family. */
    static SyscallRegistrations register(SyscallRegistrations regs, Host host) {
        IovecScratch scratch = new IovecScratch(host.memory());
        StreamTransfer streams = new StreamTransfer(host);
        PipeFaults pipeFaults = new PipeFaults(host, scratch);
        ReadWrite readWrite = new ReadWrite(host, scratch, streams, pipeFaults);
        Vectored vectored = new Vectored(host, scratch, streams, pipeFaults);
        KernelCopies copies = new KernelCopies(host, scratch);
        Seek seek = new Seek(host);
        String pipeFaultNote = "a pipe read whose buffer faults part-way counts the pipe's data as one buffer";
        String sigpipe = "EPIPE raises no SIGPIPE yet";
        return regs
            .partial("read", pipeFaultNote, readWrite::read)
            .partial("write", sigpipe, readWrite::write)
            .full("pread64", readWrite::pread64)
            .full("pwrite64", readWrite::pwrite64)
            .partial("readv", pipeFaultNote, vectored::readv)
            .partial("writev", sigpipe, vectored::writev)
            .full("preadv", vectored::preadv)
            .full("pwritev", vectored::pwritev)
            .partial("preadv2", pipeFaultNote, vectored::preadv2)
            .partial("pwritev2", sigpipe, vectored::pwritev2)
            .fullNonBlocking("lseek", seek::lseek)
            .partial("sendfile", "into a blocking pipe, moves what fits once room is free", copies::sendfile)
            .full("copy_file_range", copies::copyFileRange)
            .full("splice", copies::splice)
            .full("tee", copies::tee);
    }
}
