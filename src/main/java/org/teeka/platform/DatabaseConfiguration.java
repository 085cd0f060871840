package org.teeka.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** One connection pool, to the external PostgreSQL named by {@code TEEKA_DB_URL} or else to the embedded server. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${teeka.db.url:}'.isBlank()")
    EmbeddedPostgresServer embeddedPostgresServer(TeekaSettings settings) {
        return EmbeddedPostgresServer.start(settings.dataDir());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(TeekaSettings settings, ObjectProvider<EmbeddedPostgresServer> embedded) {
        var config = new HikariConfig();
        var db = settings.db();
        if (db.external()) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
        } else {
            var server = embedded.getObject();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.user());
            config.setPassword(server.password());
        }
        config.setPoolName("teeka");
        config.setMaximumPoolSize(db.poolSize());
        config.setConnectionTimeout(db.connectionTimeout().toMillis());
        // A runaway statement must not hold a connection for ever, nor a transaction left open its locks.
        config.addDataSourceProperty("options", "-c statement_timeout=" + db.statementTimeout().toMillis()
                + " -c idle_in_transaction_session_timeout=" + db.idleInTransactionTimeout().toMillis());
        return new HikariDataSource(config);
    }
}
