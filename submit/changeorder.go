package submit

import (
	"context"

	sae "github.com/alibabacloud-go/sae-20190506/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/saejob/saejob/model"
)

// ChangeOrder reads a change order's status.
func (c *Client) ChangeOrder(ctx context.Context, changeOrderID string) (*model.ChangeOrder, error) {
	var out *model.ChangeOrder
	err := c.call(ctx, "DescribeChangeOrder", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		resp, err := cl.DescribeChangeOrderWithOptions(&sae.DescribeChangeOrderRequest{ChangeOrderId: tea.String(changeOrderID)}, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if d := resp.Body.Data; d != nil && d.Status != nil {
			code := int(tea.Int32Value(d.Status))
			out = &model.ChangeOrder{
				ChangeOrderId: tea.StringValue(d.ChangeOrderId), AppId: tea.StringValue(d.AppId), AppName: tea.StringValue(d.AppName),
				Code: code, Status: model.ChangeOrderStatus(code), ErrorMessage: tea.StringValue(d.ErrorMessage),
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
