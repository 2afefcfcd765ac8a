"""项目库 page (issue 20): library states, township and county decisions."""
