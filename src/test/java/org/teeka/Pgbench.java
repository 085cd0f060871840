package org.teeka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The booking benchmarks' anchor: pgbench (Debian's {@code postgresql-15}) updating one row,
 * {@code update bench_hot_row set n = n + 1 where id = 1}, one commit per update, on the
 * PostgreSQL under test. That is the most a hot session could take with one commit per booking.
 */
public final class Pgbench {

    private final String host;
    private final String port;
    private final String user;
    private final String password;
    private final String database;
    private final Path workDir;

    /** @param jdbcUrl {@code jdbc:postgresql://host:port/database}, as the application's pool has it */
    public Pgbench(String jdbcUrl, String user, String password, Path workDir) {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/database URL: " + jdbcUrl);
        }
        this.host = m.group(1);
        this.port = m.group(2);
        this.database = m.group(3);
        this.user = user;
        this.password = password;
        this.workDir = workDir;
    }

    /** Whether a pgbench that runs is on the PATH. */
    public static boolean installed() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Transactions a second that {@code clients} pgbench clients commit for {@code seconds}, each an
     * update of the same one row; pgbench's output is kept as {@code pgbench-c<clients>.txt}.
     * The table is made for the run and dropped after it, through {@code db}.
     */
    public double hotRowTps(Connection db, int clients, int seconds) throws IOException, SQLException, InterruptedException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate("create table if not exists bench_hot_row (id int primary key, n bigint not null)");
            st.executeUpdate("insert into bench_hot_row values (1, 0) on conflict do nothing");
        }
        try {
            Files.createDirectories(workDir);
            Path script = workDir.resolve("pgbench-hot-row.sql");
            Files.writeString(script, "update bench_hot_row set n = n + 1 where id = 1;\n");
            var pb = new ProcessBuilder("pgbench", "-h", host, "-p", port, "-U", user, "-n", "-c", String.valueOf(clients),
                    "-j", String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(seconds), "-f", script.toString(), database)
                    .redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", password);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            Files.writeString(workDir.resolve("pgbench-c" + clients + ".txt"), out);
            Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
            if (exit != 0 || !m.find()) {
                throw new IllegalStateException("pgbench failed (exit " + exit + "): " + out);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            try (Statement st = db.createStatement()) {
                st.executeUpdate("drop table if exists bench_hot_row");
            }
        }
    }
}
