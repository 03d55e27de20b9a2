package org.osgix.sys.io.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgix.host.Host;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.support.SyscallRegistrations;

/** The I/O family: data transfer on open descriptors and the file offset. */
@Component(service = {})
public final class IoFamily {
    static final String FAMILY = "sys-io";

    private final SyscallRegistrations registrations;
    private final SigPipe sigPipe = new SigPipe();

    @Activate
    public IoFamily(BundleContext context, @Reference Host host) {
        this.registrations = register(new SyscallRegistrations(context, FAMILY), host, sigPipe);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetSignals")
    void setSignals(SignalDelivery delivery) {
        sigPipe.signals.bind(delivery);
    }

    void unsetSignals(SignalDelivery delivery) {
        sigPipe.signals.unbind(delivery);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    /** Registers every handler of the family. */
    static SyscallRegistrations register(SyscallRegistrations regs, Host host) {
        return register(regs, host, new SigPipe());
    }

    static SyscallRegistrations register(SyscallRegistrations regs, Host host, SigPipe sigPipe) {
        IovecScratch scratch = new IovecScratch(host.memory());
        StreamTransfer streams = new StreamTransfer(host);
        PipeFaults pipeFaults = new PipeFaults(host, scratch);
        ReadWrite readWrite = new ReadWrite(host, scratch, streams, pipeFaults);
        Vectored vectored = new Vectored(host, scratch, streams, pipeFaults);
        KernelCopies copies = new KernelCopies(host, scratch);
        Seek seek = new Seek(host);
        String pipeFaultNote = "a pipe read whose buffer faults part-way counts the pipe's data as one buffer";
        return regs
            .partial("read", pipeFaultNote, readWrite::read)
            .full("write", sigPipe.raising(readWrite::write))
            .full("pread64", readWrite::pread64)
            .full("pwrite64", readWrite::pwrite64)
            .partial("readv", pipeFaultNote, vectored::readv)
            .full("writev", sigPipe.raising(vectored::writev))
            .full("preadv", vectored::preadv)
            .full("pwritev", vectored::pwritev)
            .partial("preadv2", pipeFaultNote, vectored::preadv2)
            .full("pwritev2", sigPipe.raising(vectored::pwritev2))
            .fullNonBlocking("lseek", seek::lseek)
            .partial("sendfile", "into a blocking pipe, moves what fits once room is free", sigPipe.raising(copies::sendfile))
            .full("copy_file_range", copies::copyFileRange)
            .full("splice", sigPipe.raising(copies::splice))
            .full("tee", sigPipe.raising(copies::tee));
    }
}
