package org.teeka.luckydraw;

import org.springframework.http.HttpStatus;
import org.teeka.platform.TeekaException;

/** A draw cannot be announced as asked: the range is not over, too few cards, no winners asked for. */
public class LuckyDrawRefusedException extends TeekaException {

    LuckyDrawRefusedException(String code, Object... arguments) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, code, arguments);
    }
}
