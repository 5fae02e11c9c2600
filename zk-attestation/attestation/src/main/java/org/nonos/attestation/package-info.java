// SPDX-License-Identifier: Apache-2.0
/**
 * Bundle attestation: the content digest of a bundle jar, the {@code META-INF/NONOS/ATTESTATION}
 * record (canonical JSON), the capability names and their bits, the owner-signed trust anchor
 * loaded from {@code etc/trust/}, and the verifier that accepts or rejects a bundle with a typed
 * reason. See docs/attestation.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nonos.attestation;
