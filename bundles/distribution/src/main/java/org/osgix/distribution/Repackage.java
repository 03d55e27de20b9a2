package org.osgix.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Gives every jar bnd exported into a folder osgix's boot instead of bnd's launcher: bnd 7.1.0's
 * launcher calls {@code Policy.setPolicy}, which Java 24 and later refuse, and osgix must run on
 * Java 25. The result keeps bnd's resolution and layout (the bundles under {@code jar/}, the run
 * properties in {@code launcher.properties}) and starts with {@code org.osgix.launcher.Main}: the
 * framework's classes and the launcher's boot classes are unpacked at the root, bnd's are dropped.
 *
 * <p>Usage: {@code Repackage FOLDER} (every bnd-exported jar in FOLDER, in place; idempotent).
 */
public final class Repackage {
    static final String MAIN = "org.osgix.launcher.Main";
    private static final String BOOT_PACKAGE = "org/osgix/launcher/";
    private static final String LAUNCHER_BSN = "org.osgix.launcher";
    /** The boot class that reads an exported composition: a launcher without it cannot run the jar. */
    private static final String EXPORTED_BOOT = BOOT_PACKAGE + "ExportedComposition.class";

    private Repackage() {
    }

    public static void main(String[] args) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            for (Path jar : jars) {
                if (isBndExport(jar)) {
                    repackage(jar);
                    System.out.println("osgix: " + jar.getFileName() + " starts with " + MAIN);
                }
            }
        }
    }

    /** A jar bnd's executable exporter wrote (and we have not repackaged yet). */
    static boolean isBndExport(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            return m != null && m.getMainAttributes().getValue("Embedded-Runpath") != null
                    && f.getEntry("launcher.properties") != null;
        }
    }

    static void repackage(Path jar) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (JarFile in = new JarFile(jar.toFile())) {
            String[] runpath = in.getManifest().getMainAttributes().getValue("Embedded-Runpath").split("\\s*,\\s*");
            List<String> bundles = bundles(in);
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN);
            manifest.getMainAttributes().putValue("Osgix-Composition", composition(jar));
            manifest.getMainAttributes().putValue("Enable-Native-Access", "ALL-UNNAMED"); // JNA, quietly on Java 22+
            Set<String> written = new HashSet<>();
            try (JarOutputStream target = new JarOutputStream(Files.newOutputStream(out), manifest)) {
                written.add("META-INF/");
                written.add(JarFile.MANIFEST_NAME);
                for (String path : runpath) {
                    if (isFramework(in, path)) {
                        unpack(in, path, Repackage::isFrameworkClassPathEntry, target, written);
                    }
                }
                for (String path : bundles) {
                    if (LAUNCHER_BSN.equals(symbolicName(in, path))) {
                        unpack(in, path, Repackage::isBootClass, target, written);
                    }
                }
                if (!written.contains(EXPORTED_BOOT)) {
                    throw new IOException(jar.getFileName() + ": its " + LAUNCHER_BSN + " bundle cannot boot an exported"
                            + " composition (an old launcher in ~/.m2? mvn -pl bundles/launcher install)");
                }
                copy(in, "launcher.properties", target, written);
                for (String path : bundles) {
                    copy(in, path, target, written);
                }
            }
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the framework needs on the class path: its classes, resources and service files. */
    static boolean isFrameworkClassPathEntry(String name) {
        return !name.equals("module-info.class") && (!name.startsWith("META-INF/") || name.startsWith("META-INF/services/"));
    }

    /** The outside-the-framework classes of the launcher: its top package, not internal. */
    static boolean isBootClass(String name) {
        return name.startsWith(BOOT_PACKAGE) && name.indexOf('/', BOOT_PACKAGE.length()) < 0 && name.endsWith(".class");
    }

    private static String composition(Path jar) {
        String name = jar.getFileName().toString();
        return name.substring(0, name.length() - ".jar".length());
    }

    private static List<String> bundles(JarFile in) throws IOException {
        Properties launch = new Properties();
        try (InputStream s = in.getInputStream(in.getEntry("launcher.properties"))) {
            launch.load(s);
        }
        List<String> paths = new ArrayList<>();
        for (String p : launch.getProperty("launch.bundles", "").split(",")) {
            if (!p.isBlank()) {
                paths.add(p.trim());
            }
        }
        return paths;
    }

    /** The OSGi framework: the nested jar that offers a FrameworkFactory. */
    private static boolean isFramework(JarFile in, String path) throws IOException {
        try (JarInputStream nested = new JarInputStream(in.getInputStream(in.getEntry(path)))) {
            for (JarEntry e; (e = nested.getNextJarEntry()) != null;) {
                if (e.getName().equals("META-INF/services/org.osgi.framework.launch.FrameworkFactory")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String symbolicName(JarFile in, String path) throws IOException {
        try (JarInputStream s = new JarInputStream(in.getInputStream(in.getEntry(path)))) {
            Manifest m = s.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            return bsn == null ? null : bsn.split(";")[0].trim();
        }
    }

    private interface NameFilter {
        boolean accept(String name);
    }

    private static void unpack(JarFile in, String path, NameFilter filter, JarOutputStream target, Set<String> written)
            throws IOException {
        try (JarInputStream nested = new JarInputStream(in.getInputStream(in.getEntry(path)))) {
            for (JarEntry e; (e = nested.getNextJarEntry()) != null;) {
                if (e.isDirectory() || !filter.accept(e.getName()) || !written.add(e.getName())) {
                    continue;
                }
                target.putNextEntry(new JarEntry(e.getName()));
                nested.transferTo(target);
                target.closeEntry();
            }
        }
    }

    private static void copy(JarFile in, String path, JarOutputStream target, Set<String> written) throws IOException {
        if (!written.add(path)) {
            return;
        }
        target.putNextEntry(new JarEntry(path));
        try (InputStream s = in.getInputStream(in.getEntry(path))) {
            s.transferTo(target);
        }
        target.closeEntry();
    }
}
