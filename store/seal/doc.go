// Package seal encrypts what apobot stores of a conversation: AES-256-GCM with
// a random nonce per value and the row and column bound in as additional
// data, under a key of the conversation's own that is itself sealed by the
// master key. Deleting a conversation's key makes its values unreadable
// (crypto-shredding), whatever copies of the bytes remain.
package seal
