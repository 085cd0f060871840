package org.teeka.platform;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL server from the {@code io.zonky.test} binaries, keeping its cluster in a
 * directory that outlives this process: the cluster is created once and reused on every start.
 *
 * <p>We drive {@code initdb} and {@code pg_ctl} ourselves rather than through zonky's
 * {@code EmbeddedPostgres}, for two reasons that matter here: PostgreSQL refuses to run as root
 * (these machines and CI run as root), so as root every PostgreSQL program is started inside a
 * user namespace where it is the unprivileged {@code nobody}; and a server left running by a
 * process that was killed with {@code kill -9} must be stopped before the cluster is started
 * again, or the restart fails.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String SUPERUSER = "teeka";
    static final String DATABASE = "teeka";

    private final Path binaries;
    private final Path cluster;
    private final int port;
    private String password = "";

    private EmbeddedPostgresServer(Path binaries, Path cluster, int port) {
        this.binaries = binaries;
        this.cluster = cluster;
        this.port = port;
    }

    /** Starts the server on a free loopback port over the cluster in {@code dataDir/postgres}, creating the cluster the first time. */
    public static EmbeddedPostgresServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path binaries = unpackBinaries();
            Path cluster = dataDir.toAbsolutePath().resolve("postgres");
            var server = new EmbeddedPostgresServer(binaries, cluster, freePort());
            server.stopLeftOverServer();
            if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                server.initdb();
            }
            server.password = Files.exists(server.passwordFile()) ? Files.readString(server.passwordFile()).strip() : "";
            server.startServer();
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return SUPERUSER;
    }

    /** The superuser's password, generated when the cluster was created and kept beside it, readable by its owner only. */
    public String password() {
        return password;
    }

    private Path passwordFile() {
        return cluster.resolveSibling("postgres.password");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "30", "stop"));
    }

    private void initdb() throws IOException {
        Files.createDirectories(cluster);
        Files.setPosixFilePermissions(cluster, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        // A password even on loopback: another user of this machine must not read the citizens' data.
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        Files.deleteIfExists(passwordFile());
        Files.createFile(passwordFile(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile(), java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        run(List.of(bin("initdb"), "-D", cluster.toString(), "-U", SUPERUSER, "-A", "scram-sha-256",
                "--pwfile=" + passwordFile(), "-E", "UTF8", "--locale=C", "--no-instructions"));
        // Loopback only, and nothing but TCP: the server is this process's private database.
        Files.writeString(cluster.resolve("postgresql.conf"), """

                # Teeka embedded server
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                max_connections = 200
                shared_buffers = 256MB
                timezone = 'UTC'
                """, StandardOpenOption.APPEND);
    }

    private void startServer() {
        run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-l", cluster.resolveSibling("postgres.log").toString(),
                "-o", "-p " + port, "-w", "-t", "60", "start"));
        log.info("Embedded PostgreSQL is up on 127.0.0.1:{} with its cluster in {}", port, cluster);
    }

    private void createDatabaseIfMissing() {
        try (var connection = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password);
             var statement = connection.createStatement()) {
            var rs = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                statement.execute("create database " + DATABASE);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL started but cannot be reached on port " + port, e);
        }
    }

    /** A server still running on our cluster was left by a process that died without stopping it. */
    private void stopLeftOverServer() throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
        if (firstLine.isEmpty()) {
            return;
        }
        var holder = ProcessHandle.of(Long.parseLong(firstLine)).filter(ProcessHandle::isAlive);
        if (holder.isEmpty()) {
            return;
        }
        if (holder.get().info().arguments().map(args -> List.of(args).contains(cluster.toString())).orElse(true)) {
            log.warn("Stopping a PostgreSQL server (pid {}) left running on {} by an earlier process", firstLine, cluster);
            close();
        } else {
            // After a power cut and reboot the pid may now belong to another process: never signal it.
            // PostgreSQL (uid root outside its namespace) would see it alive and refuse to start.
            log.warn("Removing a stale {} whose pid {} now belongs to another process", pidFile, firstLine);
            Files.delete(pidFile);
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            // PostgreSQL refuses root; in a user namespace it runs as nobody while its files stay ours.
            full.addAll(List.of("unshare", "--user", "--map-user=65534", "--map-group=65534"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL command failed: " + String.join(" ", full) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + full.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + full.getFirst(), e);
        }
    }

    private static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Unpacks the server binaries once per archive into the temporary directory, which every
     * user can traverse (the server may run as nobody). The directory name is the archive's
     * digest, so another version unpacks beside it and a finished unpack is never redone.
     */
    private static Path unpackBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
            if (in == null) {
                throw new IllegalStateException("No PostgreSQL binaries on the class path for Linux " + architecture());
            }
            archive = in.readAllBytes();
        }
        String digest = sha256(archive);
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "teeka-postgres");
        Path target = root.resolve(digest.substring(0, 16));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Files.createDirectories(root);
        try (FileChannel lockChannel = FileChannel.open(root.resolve(digest.substring(0, 16) + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            if (Files.exists(target.resolve(".complete"))) {
                return target;
            }
            Path staging = Files.createTempDirectory(root, "unpack");
            extract(archive, staging);
            if (Files.exists(target)) {
                org.springframework.util.FileSystemUtils.deleteRecursively(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createFile(target.resolve(".complete"));
            return target;
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("Archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
