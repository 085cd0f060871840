package org.teeka.beneficiary;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How beneficiary lists are imported. The largest upload is Spring's multipart limit
 * ({@code spring.servlet.multipart.max-file-size}, {@code TEEKA_UPLOAD_MAX_FILE_SIZE}).
 *
 * @param chunkSize rows written per transaction: each chunk's people, appointments, SMS and report
 *                  lines are committed together or not at all
 * @param maxRows the most data rows one file may hold
 * @param staleAfter a running import that has committed nothing for this long is taken to have
 *                   died with its node, and is marked failed
 */
@ConfigurationProperties("teeka.imports")
public record ListImportSettings(int chunkSize, int maxRows, Duration staleAfter) {

    public ListImportSettings {
        if (chunkSize <= 0) {
            chunkSize = 500;
        }
        if (maxRows <= 0) {
            maxRows = 200_000;
        }
        if (staleAfter == null) {
            staleAfter = Duration.ofMinutes(5);
        }
    }
}
