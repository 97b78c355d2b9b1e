package model

// Causes of a failed read, for advice that fits (package submit's
// ReadCause returns one; the wizard's ReadError carries it).
const (
	// CauseKey: SAE refused the key (wrong secret, unknown or disabled
	// key, expired token); reading again cannot help.
	CauseKey = "key"
	// CauseDenied: the key was accepted but may not make this call.
	CauseDenied = "denied"
	// CauseThrottled: flow control; wait and read again.
	CauseThrottled = "throttled"
	// CauseNoAnswer: no answer came (network, timeout, endpoint).
	CauseNoAnswer = "no-answer"
)

// ReadAdvice is what a failed read of cause means and what to do, in
// sentences; retry is how the screen tries again ("run the same command
// again"). It is "" for a cause with no advice of its own (no answer, or
// another error from SAE): the caller says what fits there. Error
// catalogue texts speak of a create ("nothing was created"); these speak
// of a read.
func ReadAdvice(cause, retry string) string {
	switch cause {
	case CauseThrottled:
		return "SAE is busy (flow control). Wait a little, then " + retry + "."
	case CauseKey:
		return "SAE refused the key: check the AccessKey ID and secret (ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET, or the profile's, set by 'aliyun configure'); trying again will not help until then."
	case CauseDenied:
		return "The key was accepted but may not make this read: grant it SAE read access (for example the AliyunSAEReadOnlyAccess policy) in RAM, then " + retry + "."
	}
	return ""
}
