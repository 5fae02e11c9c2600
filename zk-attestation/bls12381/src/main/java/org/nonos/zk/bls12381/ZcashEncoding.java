// SPDX-License-Identifier: Apache-2.0
package org.nonos.zk.bls12381;

/**
 * The checks on a Zcash point encoding (draft-irtf-cfrg-pairing-friendly-curves-11 appendix C)
 * that G1 and G2 share and that come before any native call: the length is the compressed or
 * the uncompressed one, and the compression flag (the top bit of the first byte) says the same.
 * blst picks the form from the flag, so checking it against the length first means blst never
 * reads past the buffer.
 */
final class ZcashEncoding {
    /** The compression flag: bit 7 of byte 0. */
    private static final int COMPRESSION_FLAG = 0x80;

    private ZcashEncoding() {}

    /**
     * Checks that {@code encoded} has the length of one of the two forms of a point of
     * {@code group} ("G1" or "G2": {@code compressedBytes} or {@code uncompressedBytes}) and a
     * compression flag that names the same form.
     */
    static void checkForm(byte[] encoded, String group, int compressedBytes, int uncompressedBytes)
            throws MalformedException {
        if (encoded == null) {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, "no " + group + " encoding");
        }
        boolean compressed;
        if (encoded.length == compressedBytes) {
            compressed = true;
        } else if (encoded.length == uncompressedBytes) {
            compressed = false;
        } else {
            throw new MalformedException(MalformedException.Reason.BAD_LENGTH, group + " encoding of " + encoded.length
                    + " bytes, want " + compressedBytes + " or " + uncompressedBytes);
        }
        if (((encoded[0] & COMPRESSION_FLAG) != 0) != compressed) {
            throw new MalformedException(MalformedException.Reason.BAD_ENCODING, "compression flag does not match the length");
        }
    }
}
