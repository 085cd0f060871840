package org.teeka.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where Teeka keeps its state and which database it uses.
 *
 * @param dataDir every file the platform writes lives here (embedded database cluster included)
 * @param db an external PostgreSQL; when its url is blank the embedded server is started
 * @param demo whether demo data is loaded on the first start
 */
@ConfigurationProperties("teeka")
public record TeekaSettings(Path dataDir, Db db, Demo demo) {

    public TeekaSettings {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (db == null) {
            db = new Db(null, null, null, 20, null, null, null);
        }
        if (demo == null) {
            demo = new Demo(true);
        }
    }

    /**
     * @param connectionTimeout the longest a request waits for a pooled connection
     * @param statementTimeout PostgreSQL cancels a statement of the application running longer
     * @param idleInTransactionTimeout PostgreSQL ends a session idle inside a transaction this long
     */
    public record Db(String url, String user, String password, int poolSize,
            Duration connectionTimeout, Duration statementTimeout, Duration idleInTransactionTimeout) {

        public Db {
            connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
            statementTimeout = statementTimeout == null ? Duration.ofSeconds(30) : statementTimeout;
            idleInTransactionTimeout = idleInTransactionTimeout == null ? Duration.ofSeconds(60) : idleInTransactionTimeout;
        }

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    public record Demo(boolean enabled) {
    }
}
