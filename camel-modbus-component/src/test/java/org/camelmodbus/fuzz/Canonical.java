package org.camelmodbus.fuzz;

/**
 * The bytes a successfully decoded PDU must re-encode to. Every field the decoders check is canonical, so this is the
 * input itself except in the known cases where the specification leaves bits free and the model does not keep them:
 *
 * <ul>
 *   <li>Write Multiple Coils (FC 15) requests, and Read Coils / Read Discrete Inputs (FC 1 / FC 2) responses: the bits
 *       of the last data byte past the last coil or input are padding. Senders should clear them; the decoders ignore
 *       them rather than refuse the PDU, so they re-encode as zero.
 *   <li>Read Device Identification (FC 43 / MEI 14) responses: without more to follow (byte 4 is 0x00), the next
 *       object id (byte 5) should be 0; the specification calls it useless then, so the decoder ignores it, and it
 *       re-encodes as 0.
 * </ul>
 *
 * <p>A decoder for a new function code that tolerates other free bits (reserved fields, say) adds its case here, with
 * the reason; anything else that does not re-encode to its input is a bug the fuzz run reports.
 */
final class Canonical {
    private Canonical() {}

    static byte[] request(byte[] pdu) {
        byte[] canonical = pdu.clone();
        if ((pdu[0] & 0xFF) == 15 && pdu.length > 6) {
            clearPadding(canonical, 6, ModbusInputs.u16(pdu, 3));
        }
        return canonical;
    }

    /** @param request the request PDU the response answers, as the client sent it */
    static byte[] response(byte[] pdu, byte[] request) {
        byte[] canonical = pdu.clone();
        int fc = pdu[0] & 0xFF;
        if ((fc == 1 || fc == 2) && pdu.length > 2) {
            clearPadding(canonical, 2, ModbusInputs.u16(request, 3));
        } else if (fc == 43 && pdu.length > 5 && pdu[1] == 0x0E && pdu[4] == 0) {
            canonical[5] = 0;
        }
        return canonical;
    }

    private static void clearPadding(byte[] pdu, int dataOffset, int quantity) {
        int last = dataOffset + quantity / 8;
        if (quantity % 8 != 0 && last < pdu.length) {
            pdu[last] &= (byte) ((1 << (quantity % 8)) - 1);
        }
    }
}
