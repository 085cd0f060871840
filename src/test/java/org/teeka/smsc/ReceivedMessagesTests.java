package org.teeka.smsc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedMessagesTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void keepsMessagesAcrossARestart() {
        Path file = dir.resolve("smsc/messages.jsonl");
        try (var messages = ReceivedMessages.open(file, json)) {
            messages.append(message("a1", "9876500001", "first"));
            messages.append(message("a2", "9876500002", "second"));
            messages.append(message("a3", "9876500001", "third"));
        }

        try (var reopened = ReceivedMessages.open(file, json)) {
            assertThat(reopened.count()).isEqualTo(3);
            assertThat(reopened.to("9876500001", 10)).extracting(ReceivedMessage::text).containsExactly("third", "first");
            assertThat(reopened.latest(2)).extracting(ReceivedMessage::id).containsExactly("a3", "a2");
            assertThat(reopened.to("9876500001", 1).getFirst().receivedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        }
    }

    @Test
    void cutsOffALineTornByAKill() throws IOException {
        Path file = dir.resolve("messages.jsonl");
        try (var messages = ReceivedMessages.open(file, json)) {
            messages.append(message("b1", "9876500003", "whole"));
        }
        Files.writeString(file, "{\"id\":\"b2\",\"to\":\"98765", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (var reopened = ReceivedMessages.open(file, json)) {
            assertThat(reopened.count()).isEqualTo(1);
            reopened.append(message("b3", "9876500003", "after"));
        }
        try (var again = ReceivedMessages.open(file, json)) {
            assertThat(again.all()).extracting(ReceivedMessage::id).containsExactly("b1", "b3");
        }
    }

    @Test
    void keepsWritingAfterAWriterWasInterrupted() {
        try (var messages = ReceivedMessages.open(dir.resolve("interrupted.jsonl"), json)) {
            Thread.currentThread().interrupt();
            try {
                messages.append(message("c1", "9876500004", "while interrupted"));
            } finally {
                Thread.interrupted();
            }
            messages.append(message("c2", "9876500004", "afterwards"));

            assertThat(messages.count()).isEqualTo(2);
        }
        try (var reopened = ReceivedMessages.open(dir.resolve("interrupted.jsonl"), json)) {
            assertThat(reopened.count()).isEqualTo(2);
        }
    }

    private static ReceivedMessage message(String id, String to, String text) {
        return new ReceivedMessage(id, to, "TEEKAS", text, 1, 0, null, "1101", "1107", "teeka", Instant.parse("2026-11-23T10:00:00Z"));
    }
}
