/**
 * A local SMSC simulator: a real SMPP 3.4 server (jSMPP) standing in for an operator's message
 * center, and an HTTP submission API like an Indian bulk-SMS provider's ({@link org.teeka.smsc.SmscHttpApi}),
 * so that the default run and the tests send SMS over the real protocols. It accepts binds,
 * takes submit_sm (concatenated parts reassembled, GSM-7 and UCS-2 decoded), answers enquire_link,
 * sends delivery receipts when asked, keeps every message it received in an append-only file under
 * {@code TEEKA_DATA_DIR/smsc/}, and shows them at {@code /smsc}. Failure modes (down, slow, a share
 * rejected or undeliverable, no receipts) can be switched on for tests and manual checks. It knows
 * nothing of the rest of Teeka: the gateways reach it only over SMPP and HTTP. Off in production
 * ({@code TEEKA_SMSC_ENABLED=false}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "SMSC simulator")
package org.teeka.smsc;
