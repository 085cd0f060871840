package org.teeka.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

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
            db = new Db(null, null, null, 20);
        }
        if (demo == null) {
            demo = new Demo(true);
        }
    }

    public record Db(String url, String user, String password, int poolSize) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    public record Demo(boolean enabled) {
    }
}
