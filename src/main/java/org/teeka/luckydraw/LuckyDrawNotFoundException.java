package org.teeka.luckydraw;

import org.teeka.platform.NotFoundException;

/** No draw has this id. */
public class LuckyDrawNotFoundException extends NotFoundException {

    LuckyDrawNotFoundException(long id) {
        super("luckydraw.error.not-found", String.valueOf(id));
    }
}
