package org.teeka.smsc;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the parts of concatenated messages back together, as a handset does: parts of one message
 * share the session's system_id, sender, recipient, reference and part count. A message is whole
 * when every part has come (a part sent twice counts once); parts of a message that is not whole
 * after ten minutes are forgotten.
 */
final class Concatenation {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private record Key(String systemId, String from, String to, int reference, int total) {
    }

    private static final class Parts {
        final String[] texts;
        final String[] ids;
        final Instant firstSeen;
        int received;
        boolean done;

        Parts(int total, Instant firstSeen) {
            this.texts = new String[total];
            this.ids = new String[total];
            this.firstSeen = firstSeen;
        }
    }

    private final Map<Key, Parts> partial = new ConcurrentHashMap<>();
    private int added;

    /** Adds a part; returns the whole message when this part completed it. */
    Optional<ReceivedMessage> add(String systemId, SubmittedPart part, String smscMessageId, Instant now) {
        if (part.whole()) {
            return Optional.of(message(systemId, part, part.text(), 1, smscMessageId, now));
        }
        if (part.sequence() < 1 || part.sequence() > part.total()) {
            return Optional.empty();
        }
        var key = new Key(systemId, part.from(), part.to(), part.reference(), part.total());
        Parts parts = partial.computeIfAbsent(key, k -> new Parts(part.total(), now));
        synchronized (parts) {
            if (parts.done) {
                return Optional.empty();
            }
            int index = part.sequence() - 1;
            if (parts.texts[index] == null) {
                parts.received++;
            }
            parts.texts[index] = part.text();
            parts.ids[index] = smscMessageId;
            if (parts.received < part.total()) {
                forgetOld(now);
                return Optional.empty();
            }
            parts.done = true;
            partial.remove(key, parts);
            return Optional.of(message(systemId, part, String.join("", parts.texts), part.total(), parts.ids[0], now));
        }
    }

    private static ReceivedMessage message(String systemId, SubmittedPart part, String text, int count, String id, Instant now) {
        return new ReceivedMessage(id, part.to(), part.from(), text, count, part.dataCoding(), part.teekaMessageId(),
                part.dltEntityId(), part.dltTemplateId(), systemId, now);
    }

    private synchronized void forgetOld(Instant now) {
        if (++added % 1000 != 0) {
            return;
        }
        for (Iterator<Parts> i = partial.values().iterator(); i.hasNext(); ) {
            if (i.next().firstSeen.isBefore(now.minus(FORGET_AFTER))) {
                i.remove();
            }
        }
    }
}
