package org.osgix.launcher.internal.shell;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * A line-oriented Gogo shell beside a running guest: it reads commands from the terminal or a
 * file (the guest keeps stdin), and writes to stderr (the guest keeps stdout). It runs on a daemon
 * thread and ends at end of input or when the guest exits.
 */
public final class GogoShell implements AutoCloseable {
    private static final String PROMPT = "osgix> ";

    private final BundleContext context;
    private final String source;
    private final boolean interactive;
    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);
    private final ServiceRegistration<?> commands;
    private final ServiceRegistration<?> converter;
    private final Thread thread;
    private volatile InputStream input;

    private GogoShell(BundleContext context, String source, boolean interactive) {
        this.context = context;
        this.source = source;
        this.interactive = interactive;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "osgix");
        props.put("osgi.command.function", OsgixCommands.FUNCTIONS);
        this.commands = context.registerService(Object.class, new OsgixCommands(context), props);
        this.converter = context.registerService(Converter.class, new BundleConverter(context), null);
        this.thread = new Thread(this::loop, "osgix-shell");
        thread.setDaemon(true);
    }

    /** Starts a shell reading {@code source} (a path: the terminal, a file or a FIFO). */
    public static GogoShell start(BundleContext context, String source, boolean interactive) {
        GogoShell shell = new GogoShell(context, source, interactive);
        shell.thread.start();
        return shell;
    }

    private void loop() {
        ServiceReference<CommandProcessor> ref = context.getServiceReference(CommandProcessor.class);
        CommandProcessor processor = ref == null ? null : context.getService(ref);
        if (processor == null) {
            out.println("osgix: --shell: the Gogo runtime went away");
            return;
        }
        // opening a FIFO blocks until a writer comes: this thread waits, the guest does not
        try (InputStream in = new FileInputStream(source);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                CommandSession session = processor.createSession(in, out, out)) {
            input = in;
            if (interactive) {
                out.println("osgix: Gogo shell on " + source + " (lb, stop BUNDLE, start BUNDLE, syscalls;"
                        + " ^D ends it)");
            }
            String line;
            while (prompt() && (line = reader.readLine()) != null) {
                execute(session, line.strip());
            }
        } catch (IOException | RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                out.println("osgix: shell: " + e.getMessage());
            }
        } finally {
            context.ungetService(ref);
        }
    }

    private boolean prompt() {
        if (interactive) {
            out.print(PROMPT);
            out.flush();
        }
        return true;
    }

    private void execute(CommandSession session, String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (!interactive) {
            out.println(PROMPT + line); // a scripted session shows what it runs
        }
        try {
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            out.println("error: " + e.getMessage());
        }
        out.flush();
    }

    @Override
    public void close() {
        thread.interrupt();
        for (ServiceRegistration<?> r : List.of(commands, converter)) {
            try {
                r.unregister();
            } catch (IllegalStateException frameworkStopping) {
                // gone with the framework
            }
        }
        InputStream in = input;
        if (in != null && !interactive) {
            try {
                in.close();
            } catch (IOException e) {
                // closing a file we only read
            }
        }
    }
}
