package org.teeka.smsc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every message the simulator received, in an append-only file of JSON lines and in memory. A
 * message is written to the file before its submit_sm is answered, so it survives the process
 * being killed (the operating system has it; a power cut may lose the last ones). A line torn by
 * a kill is cut off when the file is opened again.
 */
final class ReceivedMessages implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceivedMessages.class);

    private final Path file;
    private final JsonMapper json;
    private OutputStream out;
    private final List<ReceivedMessage> all = new ArrayList<>();
    private final Map<String, List<ReceivedMessage>> byMobile = new HashMap<>();

    private ReceivedMessages(Path file, JsonMapper json) {
        this.file = file;
        this.json = json;
    }

    static ReceivedMessages open(Path file, JsonMapper json) {
        try {
            Files.createDirectories(file.getParent());
            var messages = new ReceivedMessages(file, json);
            messages.load();
            // a plain stream, not a FileChannel: an interrupted writer would close a channel for everyone
            messages.out = new FileOutputStream(file.toFile(), true);
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the SMSC simulator's message file " + file, e);
        }
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] content = Files.readAllBytes(file);
        int lastNewline = -1;
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline < content.length - 1) {
            log.warn("Cutting a torn last line ({} bytes) off {}", content.length - 1 - lastNewline, file);
            try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(lastNewline + 1);
            }
        }
        String text = new String(content, 0, lastNewline + 1, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                index(json.readValue(line, ReceivedMessage.class));
            }
        }
        if (!all.isEmpty()) {
            log.info("SMSC simulator: {} messages received earlier, from {}", all.size(), file);
        }
    }

    /** Writes the message to the file (before the caller answers its submit_sm) and remembers it. */
    synchronized void append(ReceivedMessage message) {
        byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file, e);
        }
        index(message);
    }

    private void index(ReceivedMessage message) {
        all.add(message);
        byMobile.computeIfAbsent(message.to(), k -> new ArrayList<>()).add(message);
    }

    /** The latest messages to a mobile number, newest first. */
    synchronized List<ReceivedMessage> to(String mobile, int limit) {
        return newestFirst(byMobile.getOrDefault(mobile, List.of()), limit);
    }

    /** The latest messages, newest first. */
    synchronized List<ReceivedMessage> latest(int limit) {
        return newestFirst(all, limit);
    }

    /** Every message, oldest first. */
    synchronized List<ReceivedMessage> all() {
        return List.copyOf(all);
    }

    synchronized int count() {
        return all.size();
    }

    private static List<ReceivedMessage> newestFirst(List<ReceivedMessage> messages, int limit) {
        int n = Math.min(limit, messages.size());
        List<ReceivedMessage> newest = new ArrayList<>(n);
        for (int i = messages.size() - 1; i >= messages.size() - n; i--) {
            newest.add(messages.get(i));
        }
        return newest;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            log.warn("Closing {} failed: {}", file, e.getMessage());
        }
    }
}
