import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { api } from "../../api";
import { useDebounced, useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { Department, Directory } from "../../types";
import {
  Button,
  Card,
  EmptyState,
  Field,
  Input,
  LinkButton,
  Loading,
  PageHeader,
  Select,
  Spinner,
  Table,
  TBody,
  Td,
  THead,
  Th,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { Avatar, PersonLink, PersonRow } from "./PersonBits";

const PAGE_SIZE = 25;

export function DirectoryPage() {
  useDocumentTitle("People");
  const me = useSignedIn();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const department = params.get("department") ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const [search, setSearch] = useState(q);
  const debounced = useDebounced(search.trim(), 300);

  // Keep the address in step with the search box, so a search can be shared or bookmarked.
  useEffect(() => {
    if (debounced === q) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced) next.set("q", debounced);
        else next.delete("q");
        next.delete("page");
        return next;
      },
      { replace: true },
    );
  }, [debounced, q, setParams]);

  // Back/forward: the box follows the address.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the address changes
  useEffect(() => {
    if (q !== debounced) setSearch(q);
  }, [q]);

  const setParam = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== "page") next.delete("page");
      return next;
    });

  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: () => api.get<{ items: Department[] }>("/departments"),
  });
  const people = useQuery({
    queryKey: ["people", { q, department, page }],
    queryFn: () =>
      api.get<Directory>("/people", {
        q,
        department,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });

  const total = people.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);
  const filtered = Boolean(q || department);

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in the organisation: who they are and who they work with."
      />
      <search aria-label="Search people" className="mb-5 grid gap-3 sm:grid-cols-[1fr_16rem]">
        <Field label="Search" hint="Name, email, title, department, location or employee id">
          {(p) => (
            <Input
              {...p}
              type="search"
              name="q"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="e.g. Priya or Support"
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Department">
          {(p) => (
            <Select
              {...p}
              name="department"
              value={department}
              onChange={(e) => setParam("department", e.target.value)}
            >
              <option value="">All departments</option>
              {departments.data?.items
                .filter((d) => d.name)
                .map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.name} ({d.people})
                  </option>
                ))}
            </Select>
          )}
        </Field>
      </search>

      <div
        aria-live="polite"
        className="mb-3 flex min-h-6 items-center gap-3 text-sm text-stone-600"
      >
        {people.data ? (
          <span>
            {total === 0
              ? "No one found."
              : `Showing ${from}–${to} of ${total} ${total === 1 ? "person" : "people"}.`}
          </span>
        ) : null}
        {people.isFetching && people.data ? <Spinner label="Updating…" /> : null}
      </div>

      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <QueryError error={people.error} onRetry={() => void people.refetch()} />
      ) : people.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No one matches this search."
            action={
              <Button
                variant="secondary"
                onClick={() => {
                  setSearch("");
                  setParams({}, { replace: true });
                }}
              >
                Clear the search
              </Button>
            }
          >
            Try part of a name, or a different department.
          </EmptyState>
        ) : (
          <EmptyState
            title="No one is in the directory yet."
            action={
              me.abilities["org.import"] ? (
                <LinkButton to="/settings#import" variant="primary">
                  Import people
                </LinkButton>
              ) : undefined
            }
          >
            {me.abilities["org.import"]
              ? "Import your organisation from a CSV: names, titles, departments and who reports to whom."
              : "An admin will add the organisation soon."}
          </EmptyState>
        )
      ) : (
        <>
          <Card padded={false} className="hidden md:block">
            <Table caption="People in the directory">
              <THead>
                <tr>
                  <Th>Name</Th>
                  <Th>Title</Th>
                  <Th>Department</Th>
                  <Th>Location</Th>
                  <Th>Email</Th>
                </tr>
              </THead>
              <TBody>
                {people.data.items.map((p) => (
                  <tr key={p.id}>
                    <Td>
                      <div className="flex items-center gap-3">
                        <Avatar name={p.name} size="sm" />
                        <PersonLink person={p} />
                      </div>
                    </Td>
                    <Td>{p.title || "—"}</Td>
                    <Td>{p.department || "—"}</Td>
                    <Td>{p.location || "—"}</Td>
                    <Td>
                      <a
                        href={`mailto:${p.email}`}
                        className="text-stone-700 underline-offset-2 hover:underline"
                      >
                        {p.email}
                      </a>
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </Card>
          <ul className="space-y-2 md:hidden" aria-label="People in the directory">
            {people.data.items.map((p) => (
              <li key={p.id} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
                <PersonRow person={p} />
                {p.location ? (
                  <p className="mt-1 pl-11 text-sm text-stone-600">{p.location}</p>
                ) : null}
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <nav aria-label="Pages" className="mt-5 flex items-center justify-between gap-3">
              <Button
                variant="secondary"
                disabled={page <= 1}
                onClick={() => setParam("page", page - 1 > 1 ? String(page - 1) : "")}
              >
                Previous
              </Button>
              <span className="text-sm text-stone-600">
                Page {page} of {pages}
              </span>
              <Button
                variant="secondary"
                disabled={page >= pages}
                onClick={() => setParam("page", String(page + 1))}
              >
                Next
              </Button>
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
