package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/saejob/saejob/model"
)

// The plain prompts read the account through the same Account as the
// wizard, but wait for each read (with the wizard's timeout): there is no
// screen to keep alive, and a screen reader reads one answer at a time.

// accountJobsLabel is the welcome item that starts from a job of the
// account (choices.go).
const accountJobsLabel = "Start from a job in my account"

// where asks the Account once where a submit goes, and keeps the answer
// for the session, as the wizard's checkWhere does; nil without an
// Account.
func (v *plainView) where() *Where {
	a := v.m.acct()
	if a.acc == nil {
		return nil
	}
	if a.where == nil {
		ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
		defer cancel()
		done := make(chan Where, 1)
		acc := a.acc
		go func() { done <- acc.Where(ctx) }()
		select {
		case w := <-done:
			a.where = &w
		case <-ctx.Done():
			a.where = &Where{NoCredentials: fmt.Sprintf("no credentials yet: looking them up took more than %s", accountReadTimeout)}
		}
	}
	return a.where
}

// whereLine says where a submit goes: a region and the credentials'
// source, the sandbox, or that there are no credentials.
func (v *plainView) whereLine() string {
	w := v.where()
	if w == nil {
		return "Submits go to " + model.Visible(v.s.Target()) + "."
	}
	r, from := v.m.regionAndSource()
	switch {
	case w.Sandbox:
		return "Submits go to the sandbox" + pick(r != "", " ("+r+")", "") + ": practice only, nothing is created in SAE."
	case w.NoCredentials != "":
		return "No credentials: save only. " + model.Visible(firstSentence(w.NoCredentials))
	case r == "":
		return "Submits go nowhere yet: no region (give --region, or set ALIBABA_CLOUD_REGION_ID). Credentials: " + model.Visible(w.Credentials) + "."
	}
	return fmt.Sprintf("Submits go to %s (region from %s), with the credentials of %s.", r, orDash(from), model.Visible(w.Credentials))
}

// checkBeforeConfirm makes sure a submit can go somewhere before asking,
// as the wizard's does: credentials, then a region (asked when there is
// none). stop is true when nothing can be sent, having said why.
func (v *plainView) checkBeforeConfirm() (stop bool, err error) {
	w := v.where()
	if w == nil {
		return false, nil
	}
	switch b := v.s.Blocker(w, v.m.region()); {
	case b.NoRegion:
		r, err := v.p.Input("Region to create the job in (like cn-hangzhou)", "")
		if err != nil {
			return true, err
		}
		if r = strings.TrimSpace(r); r == "" {
			v.say("No region: nothing was sent.")
			return true, nil
		}
		v.m.setRegion(r)
	case b.Title != "":
		v.say("%s. %s", b.Title, b.Why)
		v.say("%s", b.Advice)
		return true, nil
	}
	v.m.acct().acc.SetRegion(v.m.region())
	v.say("%s", v.whereLine())
	return false, nil
}

// accountJobs lists the region's job templates (ListJobs) and imports the
// chosen one (DescribeJob) as a new, unsaved template; false when there is
// nothing to import (no credentials, a failed read, none chosen), having
// said why, so the caller goes on with a new template.
func (v *plainView) accountJobs() (bool, error) {
	w := v.where()
	switch {
	case w == nil:
		return false, nil
	case w.NoCredentials != "":
		v.say("No credentials, so no jobs to list: %s", model.Visible(firstSentence(w.NoCredentials)))
		v.say("Going on with a new job template.")
		return false, nil
	}
	region := v.m.region()
	if region == "" {
		r, err := v.p.Input("Region of your jobs (like cn-hangzhou)", "")
		if err != nil {
			return false, err
		}
		if region = strings.TrimSpace(r); region == "" {
			v.say("No region: going on with a new job template.")
			return false, nil
		}
		v.m.setRegion(region)
	}
	v.say("Reading your job templates in %s (ListJobs)…", region)
	ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
	jobs, err := v.m.acct().acc.Jobs(ctx, region, "", "")
	cancel()
	if err != nil {
		v.say("Could not list them: %s. Going on with a new job template.", readReason(err))
		return false, nil
	}
	if len(jobs) == 0 {
		v.say("There are no job templates in %s. Going on with a new job template.", region)
		return false, nil
	}
	labels := []string{"none: start a new job template instead"}
	for _, j := range jobs {
		labels = append(labels, model.Visible(j.AppName)+" ("+model.Visible(j.NamespaceId)+pick(j.Description != "", " · "+model.Visible(j.Description), "")+")")
	}
	n, err := v.p.Select("Which job template?", 0, labels)
	if err != nil || n == 0 {
		return false, err
	}
	j := jobs[n-1]
	v.say("Reading %s (DescribeJob)…", model.Visible(j.AppName))
	ctx, cancel = context.WithTimeout(context.Background(), accountReadTimeout)
	dj, err := v.m.acct().acc.DescribeJob(ctx, region, j.AppId)
	cancel()
	if err != nil {
		v.say("Could not read %s: %s. Going on with a new job template.", model.Visible(j.AppName), readReason(err))
		return false, nil
	}
	m := v.m
	m.setTemplate(dj.Template)
	m.savedGen = -1 // not saved anywhere yet
	m.path = ""
	v.say("Imported %s (AppId %s, %s): not saved yet; submitting creates a new job.", model.Visible(dj.AppName), model.Visible(dj.AppId), region)
	if len(dj.Notes) > 0 {
		v.say("Could not read: %s", model.Visible(strings.Join(dj.Notes, "; ")))
	}
	return true, nil
}

// listSameName says which job templates of the account are named like
// the one about to be sent again, so the user can see whether the last,
// uncertain try created it.
func (v *plainView) listSameName() {
	w := v.where()
	region := v.m.region()
	if w == nil || w.NoCredentials != "" || region == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
	defer cancel()
	jobs, err := v.m.acct().acc.Jobs(ctx, region, v.s.t.NamespaceId, v.s.t.AppName)
	if err != nil {
		v.say("Could not read the account's job list: %s.", readReason(err))
		return
	}
	var same []string
	for _, j := range jobs {
		if j.AppName == v.s.t.AppName {
			same = append(same, model.Visible(j.AppId))
		}
	}
	if len(same) == 0 {
		v.say("The account's job list (%s) has no job named %s yet.", region, model.Visible(v.s.t.AppName))
		return
	}
	v.say("The account's job list (%s) has %s as AppId %s: the last try created it.", region, model.Visible(v.s.t.AppName), strings.Join(same, ", "))
}

// follow waits for the change order a create started, printing a line
// whenever its status changes, with the time since the submit, until it
// ends or ctx ends (Ctrl-C: the job is not touched). Then it reads the job
// back and prints its console link.
func (v *plainView) follow(ctx context.Context, o model.SubmitOutcome) {
	a := v.m.acct()
	if a.acc == nil || o.ChangeOrderId == "" {
		return
	}
	region := v.m.region()
	start := v.m.opts.Now()
	v.say("Following change order %s (Ctrl-C stops waiting; the job is not touched).", model.Visible(o.ChangeOrderId))
	last, fails := "", 0
	var co *ChangeOrder
	for n := 0; ; n++ {
		rctx, cancel := context.WithTimeout(ctx, accountReadTimeout)
		c, err := a.acc.ChangeOrder(rctx, region, o.ChangeOrderId)
		cancel()
		elapsed := v.m.opts.Now().Sub(start).Round(time.Second)
		switch {
		case ctx.Err() != nil:
			v.say("Stopped waiting after %s. The change order goes on in SAE; check it later: saejob import %s --region %s", elapsed, model.Visible(o.AppId), orDash(region))
			return
		case err != nil:
			fails++
			v.say("  reading it failed (%s); this was only a read: the job exists.", readReason(err))
			if fails >= model.MaxPollFailures {
				v.say("Could not follow the change order. The job template exists (AppId %s): do not submit it again; check it in the SAE console.", model.Visible(o.AppId))
				return
			}
		default:
			fails, co = 0, c
			if st := c.StatusText(); st != last {
				v.say("  %s · change order %s", elapsed, st)
				last = st
			}
		}
		if co != nil && co.Ended() {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(pollWait(v.m.opts.PollEvery, n)):
		}
	}
	switch {
	case co.Succeeded():
		v.say("Change order executed.")
	case co.WaitsForPerson():
		state, action := co.PersonAdvice()
		v.say("The change order is %s (%s). %s (region %s, the job's change orders).", state, co.StatusText(), action, orDash(region))
	default:
		v.say("The change order ended %s.", co.Status)
		if co.ErrorMessage != "" {
			v.say("SAE says: %s", model.VisibleLines(co.ErrorMessage))
		}
	}
	rctx, cancel := context.WithTimeout(ctx, accountReadTimeout)
	j, err := a.acc.DescribeJob(rctx, region, o.AppId)
	cancel()
	ns := ""
	if err != nil {
		v.say("Could not read the job back: %s", readReason(err))
	} else if j != nil {
		if j.Template != nil {
			ns = j.Template.NamespaceId
		}
		for _, u := range j.PublicWebHookUrls {
			v.say("HTTP trigger (public): %s", model.Visible(u))
		}
		for _, u := range j.VpcWebHookUrls {
			v.say("HTTP trigger (inside the VPC): %s", model.Visible(u))
		}
	}
	v.say("Console: %s", jobLink(region, ns, o.AppId))
}
