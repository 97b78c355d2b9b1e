package submit

import (
	"context"
	"strconv"

	sae "github.com/alibabacloud-go/sae-20190506/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
)

// Change order statuses as `saejob submit --wait --json` reports them: a
// contract with scripts.
const (
	StatusPreparing       = "preparing"
	StatusExecuting       = "executing"
	StatusSuccess         = "success"
	StatusFailed          = "failed"
	StatusTerminated      = "terminated"
	StatusWaiting         = "waiting"
	StatusSystemFailure   = "system-failure"
	StatusPendingApproval = "pending-approval"
	// StatusUnknown is a numeric status the SDK's documentation does not list.
	StatusUnknown = "unknown"
)

// ChangeOrderStatus names a numeric change order status (DescribeChangeOrder
// Data.Status, as the SDK's doc comments list them): 0 preparing,
// 1 executing, 2 executed (success), 3 failed, 6 terminated, 8 waiting for a
// manual batch and 9 for an automatic one (waiting), 10 system failure,
// 11 pending approval, 12 approved and waiting to run (pending-approval).
func ChangeOrderStatus(code int) string {
	switch code {
	case 0:
		return StatusPreparing
	case 1:
		return StatusExecuting
	case 2:
		return StatusSuccess
	case 3:
		return StatusFailed
	case 6:
		return StatusTerminated
	case 8, 9:
		return StatusWaiting
	case 10:
		return StatusSystemFailure
	case 11, 12:
		return StatusPendingApproval
	}
	return StatusUnknown
}

// ChangeOrder is a change order as DescribeChangeOrder returns it.
type ChangeOrder struct {
	ChangeOrderId string
	AppId         string
	AppName       string
	// Code is SAE's numeric status; Status its name (ChangeOrderStatus).
	Code         int
	Status       string
	ErrorMessage string
	Description  string
	CreateTime   string
}

// Ended reports whether the change order will not move on by itself: it
// succeeded, failed, was terminated, failed in the system, or waits for a
// person (WaitsForPerson).
func (co *ChangeOrder) Ended() bool {
	switch co.Code {
	case 2, 3, 6, 10:
		return true
	}
	return co.WaitsForPerson()
}

// WaitsForPerson reports whether someone must act in the console: a manual
// batch to start (8) or an approval to give (11).
func (co *ChangeOrder) WaitsForPerson() bool { return co.Code == 8 || co.Code == 11 }

// Succeeded reports whether the change order was executed.
func (co *ChangeOrder) Succeeded() bool { return co.Code == 2 }

// StatusText is the status for people: "executing (1)".
func (co *ChangeOrder) StatusText() string {
	return co.Status + " (" + strconv.Itoa(co.Code) + ")"
}

// ChangeOrder reads a change order's status.
func (c *Client) ChangeOrder(ctx context.Context, changeOrderID string) (*ChangeOrder, error) {
	var out *ChangeOrder
	err := c.call(ctx, "DescribeChangeOrder", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		resp, err := cl.DescribeChangeOrderWithOptions(&sae.DescribeChangeOrderRequest{ChangeOrderId: tea.String(changeOrderID)}, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if d := resp.Body.Data; d != nil && d.Status != nil {
			code := int(tea.Int32Value(d.Status))
			out = &ChangeOrder{
				ChangeOrderId: tea.StringValue(d.ChangeOrderId), AppId: tea.StringValue(d.AppId), AppName: tea.StringValue(d.AppName),
				Code: code, Status: ChangeOrderStatus(code), ErrorMessage: tea.StringValue(d.ErrorMessage),
				Description: tea.StringValue(d.Description), CreateTime: tea.StringValue(d.CreateTime),
			}
		}
		return resp.Body, nil
	})
	if err == nil && out == nil {
		err = &ReadError{Operation: "DescribeChangeOrder", Endpoint: c.endpoint.URL(), Reason: "the answer carried no status"}
	}
	return out, err
}
