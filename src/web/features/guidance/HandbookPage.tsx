import { Link } from "react-router";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { Loading, PageHeader } from "../../ui";
import { useHandbook } from "./guidanceApi";

export function HandbookPage() {
  useDocumentTitle("Handbook");
  const handbook = useHandbook();
  return (
    <>
      <PageHeader
        title="Handbook"
        description="Practical guidance for managers: coaching before a plan, fair evidence, clear standards, and running a plan people can succeed in. The short guidance cards in Headway link to these articles."
      />
      {handbook.isPending ? (
        <Loading />
      ) : handbook.isError ? (
        <QueryError error={handbook.error} onRetry={() => void handbook.refetch()} />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {handbook.data.articles.map((a) => (
            <li key={a.slug}>
              <article className="h-full rounded-lg border border-stone-200 bg-white px-5 py-4 shadow-sm">
                <h2 className="text-base font-semibold">
                  <Link
                    to={`/handbook/${a.slug}`}
                    className="text-teal-800 underline-offset-2 hover:underline"
                  >
                    {a.title}
                  </Link>
                </h2>
                <p className="mt-1 text-sm text-stone-700">{a.summary}</p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
